using System.Buffers.Text;
using System.Text;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>Opaque list cursors: the position to continue after, base64url-encoded.</summary>
public static class Cursors
{
    public static string? Encode(string? position) =>
        position is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));

    /// <summary>
    /// The position a cursor carries; false for text <see cref="Encode"/> cannot have produced. Most short strings
    /// are base64url of something (`abc` is two bytes that are not UTF-8), so the position must encode back to
    /// the cursor exactly.
    /// </summary>
    public static bool TryDecode(string? cursor, out string? position)
    {
        position = null;
        if (cursor is null)
        {
            return true;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (decoded.Length == 0 || Encode(decoded) != cursor)
            {
                return false;
            }

            position = decoded;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
