using Quartermaster.ApiFrontend.Problems;

namespace Quartermaster.Bench.Baselines;

/// <summary>Answers a lock that could not be taken in time as 503 <c>lock_timeout</c>: nothing was written, so a retry is safe.</summary>
internal sealed class LockTimeoutFilter : IEndpointFilter
{
    public const string Code = "lock_timeout";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (LockTimeoutException timeout)
        {
            context.HttpContext.Response.Headers.RetryAfter = "1";
            return ApiProblems.Create(StatusCodes.Status503ServiceUnavailable, Code, "Lock not acquired in time.",
                timeout.Message + " Nothing was written; safe to retry.");
        }
    }
}
