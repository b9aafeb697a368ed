namespace Quartermaster.ApiFrontend.Http;

/// <summary>
/// HEAD is answered as GET is, without the body (RFC 9110 requires both of a general-purpose server): the request
/// is routed as a GET, and whatever the endpoint writes goes nowhere. The server still knows the request was HEAD.
/// An endpoint that would write for ever (the event stream) asks <see cref="WasHead"/> and ends after its headers.
/// </summary>
public static class HeadAsGet
{
    private static readonly object Marker = new();

    public static bool WasHead(HttpContext context) => context.Items.ContainsKey(Marker);

    /// <summary>
    /// Routing builds a 405's Allow header from the endpoints' own methods, which never name HEAD: wherever it lists
    /// GET, HEAD is allowed too.
    /// </summary>
    public static void AddToAllow(HttpResponse response)
    {
        var allow = response.Headers.Allow;
        var methods = allow.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (methods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase) && !methods.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase))
        {
            methods.Insert(methods.FindIndex(m => HttpMethods.IsGet(m)) + 1, HttpMethods.Head);
            response.Headers.Allow = string.Join(", ", methods);
        }
    }

    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var body = context.Response.Body;
        context.Items[Marker] = true;
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
            context.Request.Method = HttpMethods.Head;
        }
    });
}
