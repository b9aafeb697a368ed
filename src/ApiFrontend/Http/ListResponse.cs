namespace Quartermaster.ApiFrontend.Http;

public sealed record ListResponse<T>(IReadOnlyList<T> Items, string? NextCursor);
