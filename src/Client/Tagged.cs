namespace Quartermaster.Client;

/// <summary>A resource with its ETag: pass <see cref="ETag"/> as ifMatch to update only the version you read.</summary>
public sealed record Tagged<T>(T Value, string? ETag);
