using Quartermaster.Client.Contracts;

namespace Quartermaster.Client.Resources;

/// <summary>The filters of the order list; every one is optional.</summary>
public sealed record OrderQuery(
    OrderStatus? Status = null, string? CustomerRef = null, DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null, int? Limit = null);
