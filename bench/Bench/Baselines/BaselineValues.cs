namespace Quartermaster.Bench.Baselines;

/// <summary>The stored names of ledger types and statuses: the same lower-case words Quartermaster stores and shows.</summary>
internal static class BaselineValues
{
    public const string Receipt = "receipt";
    public const string Hold = "hold";
    public const string Commit = "commit";
    public const string ActiveHold = "active";
    public const string CommittedHold = "committed";
    public const string ReservedOrder = "reserved";
    public const string ConfirmedOrder = "confirmed";
    public const string ShippedOrder = "shipped";

    /// <summary>The reservation lifetime when a request names none: the tenant default of the real API.</summary>
    public static readonly TimeSpan DefaultReservationTtl = TimeSpan.FromSeconds(900);
}
