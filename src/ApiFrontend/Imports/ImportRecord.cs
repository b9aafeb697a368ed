using System.Text.Json.Nodes;
using Quartermaster.Grains.Abstractions.Imports;

namespace Quartermaster.ApiFrontend.Imports;

/// <summary>One data line of an import file: its fields as a JSON object (what the single-item endpoint's body would be), or why it could not be read.</summary>
internal sealed record ImportRecord(int Line, JsonObject? Fields, ImportError? Error);

/// <summary>The file as a whole cannot be read (a CSV header with no or repeated column names): nothing of it is imported.</summary>
internal sealed class ImportFileException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
