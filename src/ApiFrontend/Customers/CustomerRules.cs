using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Customers;

namespace Quartermaster.ApiFrontend.Customers;

/// <summary>What a customer's fields may hold, checked field by field so a 400 names each one at fault.</summary>
internal static class CustomerRules
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxPhoneLength = 32;
    public const int MaxAttributes = 50;
    public const int MaxAttributeKeyLength = 64;
    public const int MaxAttributeValueLength = 500;

    /// <summary>What <see cref="Read"/> accepts as a phone, as a pattern for the schema: those characters, not only spaces.</summary>
    public const string PhonePattern = @"^(?! *$)[0-9 +().-]+$";

    /// <summary>What <see cref="IsEmail"/> accepts, as a pattern for the schema: one @ with text on both sides, no space or control character.</summary>
    public const string EmailPattern = @"^[^@\s\x00-\x1F\x7F-\x9F]+@[^@\s\x00-\x1F\x7F-\x9F]+$";

    public static CustomerFields? Read(PutCustomerRequest body, FieldErrors errors)
    {
        errors.Text("name", body.Name, MaxNameLength).Text("email", body.Email, MaxEmailLength, required: false)
            .Text("phone", body.Phone, MaxPhoneLength, required: false);
        if (body.Status is null)
        {
            errors.Add("status", "Required: active or blocked.");
        }

        if (body.Email is { } email && !string.IsNullOrWhiteSpace(email) && !IsEmail(email))
        {
            errors.Add("email", "Must be an email address (local@domain, no spaces).");
        }

        if (body.Phone is { } phone && !string.IsNullOrWhiteSpace(phone) && !phone.All(c => char.IsAsciiDigit(c) || " +-().".Contains(c)))
        {
            errors.Add("phone", "Only digits, spaces and + - ( ) . are allowed.");
        }

        CheckAttributes(body.Attributes, errors);
        return errors.Any
            ? null
            : new CustomerFields(body.Name!, body.Email, body.Phone, body.Status!.Value, new Dictionary<string, string>(body.Attributes ?? [], StringComparer.Ordinal));
    }

    private static bool IsEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }

    private static void CheckAttributes(Dictionary<string, string>? attributes, FieldErrors errors)
    {
        if (attributes is null)
        {
            return;
        }

        if (attributes.Count > MaxAttributes)
        {
            errors.Add("attributes", $"At most {MaxAttributes} attributes.");
        }

        foreach (var (key, value) in attributes)
        {
            if (key.Length is 0 or > MaxAttributeKeyLength || key.Any(char.IsControl) || !StorableText.IsStorable(key))
            {
                errors.Add("attributes", $"Keys are 1 to {MaxAttributeKeyLength} characters without control characters; '{Shorten(key)}' is not.");
            }

            if (value is null)
            {
                errors.Add($"attributes.{Shorten(key)}", "Must be a string, not null.");
            }
            else if (value.Length > MaxAttributeValueLength || value.Any(char.IsControl) || !StorableText.IsStorable(value))
            {
                errors.Add($"attributes.{Shorten(key)}", $"At most {MaxAttributeValueLength} characters, without control characters.");
            }
        }
    }

    /// <summary>
    /// The key as an error shows it: cut to length, each control character or surrogate as '?', since an import
    /// stores its rows' errors in PostgreSQL, which refuses U+0000 and lone surrogates.
    /// </summary>
    private static string Shorten(string key)
    {
        var shown = key.Length > MaxAttributeKeyLength ? key[..MaxAttributeKeyLength] + "…" : key;
        return string.Create(shown.Length, shown, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) || char.IsSurrogate(text[i]) ? '?' : text[i];
            }
        });
    }
}
