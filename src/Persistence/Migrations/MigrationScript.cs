using System.Security.Cryptography;
using System.Text;

namespace Quartermaster.Persistence.Migrations;

/// <summary>One versioned SQL script (`NNNN_description.sql`) and the checksum recorded when it is applied.</summary>
public sealed record MigrationScript(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the text with line endings normalised, so a checkout with CRLF endings still matches.</summary>
    public string Checksum { get; } = ChecksumOf(Sql);

    public override string ToString() => Name;

    internal static string ChecksumOf(string sql)
    {
        var normalised = sql.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }
}
