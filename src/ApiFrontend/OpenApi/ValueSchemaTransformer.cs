using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Quartermaster.Contracts.Json;
using Quartermaster.Contracts.Schema;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>
/// Types what the JSON options leave untyped: timestamps (written by a custom converter) become
/// string/date-time, enums (a string converter) become string enums; fields marked as ids get the id rule and
/// levels and counts their minimum, a string of fixed values (AllowedValues) an enum, a map of strings its limits,
/// a list of event types their shape and a text that may not be blank a pattern saying so; required request fields
/// are not nullable (null is refused with 400 like a missing field).
/// </summary>
internal sealed class ValueSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <summary>At least one character that is not white space.</summary>
    public const string NotBlankPattern = @"\S";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        var valueType = underlying ?? type;
        if (valueType == typeof(DateTimeOffset) || valueType == typeof(DateTime))
        {
            schema.Type = underlying is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
        }
        else if (valueType.IsEnum)
        {
            // The enum converter is the API's own, which the schema exporter cannot see into: its names are listed here.
            schema.Type = underlying is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Enum = [.. SnakeCaseEnumConverter.NamesOf(valueType).Select(name => (JsonNode)JsonValue.Create(name))];
        }

        if (context.JsonPropertyInfo is null && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            foreach (var property in context.JsonTypeInfo.Properties.Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredEvenIfNullAttribute), inherit: true) == true))
            {
                schema.Required ??= new HashSet<string>();
                schema.Required.Add(property.Name);
            }
        }

        if (context.JsonPropertyInfo?.AttributeProvider is { } attributes)
        {
            if (attributes.IsDefined(typeof(ResourceIdAttribute), inherit: true))
            {
                IdSchemas.Apply(schema);
            }

            if (attributes.IsDefined(typeof(EventIdFormatAttribute), inherit: true))
            {
                schema.Pattern = EventIdFormatAttribute.Pattern;
            }

            if (attributes.GetCustomAttributes(typeof(AllowedValuesAttribute), inherit: true) is [AllowedValuesAttribute allowed, ..])
            {
                schema.Enum = [.. allowed.Values.OfType<string>().Select(value => (JsonNode)JsonValue.Create(value))];
            }

            // Every text the API reads refuses a blank value (FieldErrors.Text), which minLength alone does not say.
            if (attributes.GetCustomAttributes(typeof(StringLengthAttribute), inherit: true) is [StringLengthAttribute { MinimumLength: > 0 }, ..]
                && schema.Pattern is null)
            {
                schema.Pattern = NotBlankPattern;
            }

            if (attributes.IsDefined(typeof(EventTypeListAttribute), inherit: true))
            {
                schema.Items = EventTypeSchemas.Item();
            }

            if (attributes.GetCustomAttributes(typeof(StringMapLimitsAttribute), inherit: true) is [StringMapLimitsAttribute map, ..])
            {
                map.Apply(schema);
            }

            if (attributes.GetCustomAttributes(typeof(AtLeastAttribute), inherit: true) is [AtLeastAttribute atLeast, ..])
            {
                schema.Minimum = atLeast.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (attributes.IsDefined(typeof(RequiredAttribute), inherit: true) && schema.Type is { } declared)
            {
                schema.Type = declared & ~JsonSchemaType.Null;
            }
        }

        return Task.CompletedTask;
    }
}
