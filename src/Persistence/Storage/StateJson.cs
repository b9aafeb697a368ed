using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// How grain state is written as jsonb. Deserialisation fills the collections the state classes create
/// themselves, so dictionaries keep their ordinal comparers; every other property gets a new object. Filling
/// those too would write into whatever instance a property starts with, and a shared default (such as
/// <c>TenantSettings.Default</c>) would then carry the last tenant read into every other tenant on the silo.
/// </summary>
internal static class StateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { FillCollectionsOnly } },
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"Stored {typeof(T).Name} was null.");

    private static void FillCollectionsOnly(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (IsFillableCollection(property.PropertyType) && property.Get is not null)
            {
                property.ObjectCreationHandling = JsonObjectCreationHandling.Populate;
            }
        }
    }

    private static bool IsFillableCollection(Type type) =>
        !type.IsArray && type.Namespace != "System.Collections.Immutable" && type.IsClass
        && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>));
}
