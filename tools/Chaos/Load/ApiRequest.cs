namespace Quartermaster.Chaos.Load;

/// <summary>A request to send until it is answered: Route is its template, for grouping failures.</summary>
internal sealed record ApiRequest(HttpMethod Method, string Path, string Route, object? Body = null, string? IdempotencyKey = null)
{
    public static ApiRequest Get(string path, string route) => new(HttpMethod.Get, path, route);

    public static ApiRequest Post(string path, string route, object? body, string idempotencyKey) => new(HttpMethod.Post, path, route, body, idempotencyKey);

    public static ApiRequest Delete(string path, string route) => new(HttpMethod.Delete, path, route);
}
