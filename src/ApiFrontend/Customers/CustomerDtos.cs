using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.Contracts.Customers;
using Quartermaster.Contracts.Schema;
using Quartermaster.Grains.Abstractions.Customers;

namespace Quartermaster.ApiFrontend.Customers;

public sealed record PutCustomerRequest(
    [property: Required, StringLength(CustomerRules.MaxNameLength, MinimumLength = 1)] string? Name,
    [property: Required] CustomerStatus? Status,
    [property: StringLength(CustomerRules.MaxEmailLength, MinimumLength = 3), RegularExpression(CustomerRules.EmailPattern), Description("An address with an @; matched by the customer search as a prefix.")] string? Email = null,
    [property: StringLength(CustomerRules.MaxPhoneLength, MinimumLength = 1), RegularExpression(CustomerRules.PhonePattern), Description("Digits, spaces and + - ( ) . only.")] string? Phone = null,
    [property: StringMapLimits(CustomerRules.MaxAttributes, CustomerRules.MaxAttributeKeyLength, CustomerRules.MaxAttributeValueLength),
        Description("Up to 50 string values of at most 500 characters under keys of 1 to 64 characters, none with control characters.")]
    Dictionary<string, string>? Attributes = null);

public sealed record CustomerDto(
    [property: ResourceId] string CustomerRef, string Name, string? Email, string? Phone, CustomerStatus Status, IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CustomerDto From(Customer c) =>
        new(c.CustomerRef, c.Fields.Name, c.Fields.Email, c.Fields.Phone, c.Fields.Status, AttributeOrder.ByKey(c.Fields.Attributes), c.CreatedAt, c.UpdatedAt);
}
