using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Quartermaster.ServiceDefaults.Telemetry;

/// <summary>Returns the request's trace id (the W3C one, as in problem bodies) in `X-Trace-Id`.</summary>
internal sealed class TraceIdHeaderMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Trace-Id";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            if (Activity.Current is { } activity)
            {
                context.Response.Headers[HeaderName] = activity.TraceId.ToString();
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
