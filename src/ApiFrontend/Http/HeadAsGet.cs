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
