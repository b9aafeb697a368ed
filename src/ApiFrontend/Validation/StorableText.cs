namespace Quartermaster.ApiFrontend.Validation;

/// <summary>
/// Text PostgreSQL can store: its text and jsonb types refuse U+0000, and UTF-8 cannot encode a lone surrogate.
/// Either made the write fail on every attempt, which reached the client as a 503 that no retry could cure,
/// while the in-memory mode stored the value.
/// </summary>
public static class StorableText
{
    public const string Rule = "Must not contain the character U+0000 or an unpaired surrogate.";

    public static bool IsStorable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0' || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 == value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }
}
