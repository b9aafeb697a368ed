namespace Quartermaster.ApiFrontend.Operator;

public static class OperatorSchemes
{
    /// <summary>The admin session cookie issued by the sign-in page.</summary>
    public const string Session = "AdminSession";

    /// <summary>The default scheme: the session cookie on operator pages without an Authorization header, else the API key.</summary>
    public const string Selector = "KeyOrSession";

    public const string SessionCookie = "quartermaster-admin";
    public const string AntiforgeryCookie = "quartermaster-csrf";
    public const string AntiforgeryField = "csrf";
}
