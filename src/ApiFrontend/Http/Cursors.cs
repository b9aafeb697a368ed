using System.Buffers.Text;
using System.Text;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>Opaque list cursors: the position to continue after, base64url-encoded.</summary>
public static class Cursors
{
    public static string? Encode(string? position) =>
        position is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));

    public static bool TryDecode(string? cursor, out string? position)
    {
        position = null;
        if (cursor is null)
        {
            return true;
        }

        try
        {
            position = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return position.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
