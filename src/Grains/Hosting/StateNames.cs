namespace Quartermaster.Grains.Hosting;

public static class StateNames
{
    public const string Tenant = "tenant";
    public const string ApiKeys = "apikeys";
    public const string ApiKeyDirectory = "apikeydirectory";
    public const string Catalog = "catalog";
    public const string Product = "product";
    public const string ProductIndex = "productindex";
    public const string StockItem = "stock";
    public const string Transfer = "transfer";
    public const string Order = "order";
    public const string OrderIndex = "orderindex";
    public const string StockIndex = "stockindex";
    public const string Customer = "customer";
    public const string CustomerIndex = "customerindex";
    public const string Import = "import";
    public const string Idempotency = "idempotency";
    public const string WebhookEndpoints = "webhookendpoints";
}
