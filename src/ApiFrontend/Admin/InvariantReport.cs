using Quartermaster.Contracts.Schema;
namespace Quartermaster.ApiFrontend.Admin;

public sealed record InvariantReport(
    [property: ResourceId] string TenantId, bool Ok, [property: AtLeast(0)] int StockItemsChecked, [property: AtLeast(0)] int OrdersChecked, DateTimeOffset CheckedAt, IReadOnlyList<string> Violations);
