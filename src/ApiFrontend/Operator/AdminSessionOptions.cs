using System.ComponentModel.DataAnnotations;

namespace Quartermaster.ApiFrontend.Operator;

/// <summary>The browser session an operator gets for the admin key on the sign-in page.</summary>
public sealed class AdminSessionOptions
{
    public const string Section = "Quartermaster:AdminSession";

    /// <summary>Minutes a session lasts from sign-in; it is never extended, so a forgotten tab does not stay signed in.</summary>
    [Range(1, 480)]
    public int LifetimeMinutes { get; set; } = 15;
}
