using Quartermaster.Persistence.Storage;

namespace Quartermaster.Persistence.Tests.Storage;

public sealed class StateJsonTests
{
    [Fact]
    public void An_object_property_that_starts_shared_is_replaced_not_written_into()
    {
        var first = StateJson.Deserialize<Holder>("""{"Inner":{"Value":10}}""");
        var second = StateJson.Deserialize<Holder>("""{"Inner":{"Value":900}}""");

        Assert.Equal(10, first.Inner.Value);
        Assert.Equal(900, second.Inner.Value);
        Assert.Equal(1, Inner.Shared.Value);
    }

    [Fact]
    public void Collections_are_filled_so_they_keep_the_comparer_their_class_gave_them()
    {
        var read = StateJson.Deserialize<Holder>("""{"Counts":{"Sku-1":3}}""");

        Assert.Equal(3, read.Counts["SKU-1"]);
        Assert.Same(StringComparer.OrdinalIgnoreCase, read.Counts.Comparer);
    }

    public sealed class Holder
    {
        public Inner Inner { get; set; } = Inner.Shared;

        public Dictionary<string, int> Counts { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    public sealed class Inner
    {
        public static readonly Inner Shared = new() { Value = 1 };

        public int Value { get; set; }
    }
}
