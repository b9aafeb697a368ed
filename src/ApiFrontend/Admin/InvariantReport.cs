namespace Quartermaster.ApiFrontend.Admin;

public sealed record InvariantReport(
    string TenantId, bool Ok, int StockItemsChecked, int OrdersChecked, DateTimeOffset CheckedAt, IReadOnlyList<string> Violations);
