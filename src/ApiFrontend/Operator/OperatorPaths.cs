namespace Quartermaster.ApiFrontend.Operator;

/// <summary>The pages an operator opens in a browser: the only paths where the admin session cookie counts.</summary>
public static class OperatorPaths
{
    public const string Home = "/operator";
    public const string SignIn = "/operator/sign-in";
    public const string SignOut = "/operator/sign-out";
    public const string Dashboard = "/dashboard";
    public const string ApiReference = "/scalar";
    public const string OpenApiDocument = "/openapi/v1.json";

    public static bool AcceptSession(PathString path) =>
        path.StartsWithSegments(Home, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(Dashboard, StringComparison.OrdinalIgnoreCase);

    /// <summary>Where to go after sign-in: only a path of this site, so the form cannot be used to redirect elsewhere.</summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is ['/', not '/' and not '\\', ..] && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) ? returnUrl : Home;
}
