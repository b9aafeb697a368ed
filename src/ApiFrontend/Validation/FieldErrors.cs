using Microsoft.AspNetCore.Http.HttpResults;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.ApiFrontend.Problems;

namespace Quartermaster.ApiFrontend.Validation;

/// <summary>Collects what is wrong with a request, field by field, to answer one 400 naming them all.</summary>
public sealed class FieldErrors
{
    public const long MaxQuantity = 1_000_000_000;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly (FieldErrors Errors, string Field, string Message)? _reportedAs;

    public FieldErrors()
    {
    }

    private FieldErrors(FieldErrors errors, string field, string message) => _reportedAs = (errors, field, message);

    public bool Any => _errors.Count > 0;

    /// <summary>Every (field, message), fields in the order they were first named.</summary>
    public IEnumerable<(string Field, string Message)> Entries => _errors.SelectMany(pair => pair.Value.Select(message => (pair.Key, message)));

    public FieldErrors Add(string field, string message)
    {
        if (_reportedAs is { } reported && !reported.Errors.Has(reported.Field, reported.Message))
        {
            reported.Errors.Add(reported.Field, reported.Message);
        }

        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    public FieldErrors Id(string field, string? value, bool required = true)
    {
        if (value is null)
        {
            return required ? Missing(field, "Required.") : this;
        }

        return ResourceId.IsValid(value) ? this : Add(field, $"Must be {ResourceId.Rule}.");
    }

    /// <summary>An optional filter that names the start of an id (see <see cref="ResourceId.IsValidPrefix"/>).</summary>
    public FieldErrors IdPrefix(string field, string? value) =>
        value is null || ResourceId.IsValidPrefix(value) ? this : Add(field, $"Must be {ResourceId.PrefixRule}.");

    public FieldErrors Range(string field, long? value, long min, long max, bool required = true)
    {
        if (value is null)
        {
            return required ? Missing(field, "Required.") : this;
        }

        return value < min || value > max ? Add(field, $"Must be an integer from {min} to {max}.") : this;
    }

    public FieldErrors Quantity(string field, long? value) => Range(field, value, 1, MaxQuantity);

    public FieldErrors Text(string field, string? value, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Missing(field, "Required and not blank.") : value is null ? this : Add(field, "Must not be blank.");
        }

        if (value.Length > maxLength)
        {
            return Add(field, $"At most {maxLength} characters.");
        }

        return StorableText.IsStorable(value) ? this : Add(field, StorableText.Rule);
    }

    /// <summary>
    /// Errors that this collection receives as one error on <paramref name="field"/>: for values that a request took
    /// from elsewhere rather than sent (the filters a cursor carries), whose faults are that other thing's.
    /// </summary>
    public FieldErrors ReportedAs(string field, string message) => new(this, field, message);

    private bool Has(string field, string message) => _errors.TryGetValue(field, out var messages) && messages.Contains(message);

    /// <summary>A field already refused for what it held (a number where a string belongs) is not also called missing.</summary>
    private FieldErrors Missing(string field, string message) => _errors.ContainsKey(field) ? this : Add(field, message);

    public ProblemHttpResult ToProblem() =>
        ApiProblems.Validation(_errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal));
}
