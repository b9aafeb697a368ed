using System.Text.Encodings.Web;

namespace Quartermaster.ApiFrontend.Operator;

/// <summary>The operator pages' HTML: small, self-contained, with every value encoded and no script.</summary>
internal static class OperatorPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static IResult SignIn(HttpRequest request, string csrfToken, string returnUrl, string? message, int statusCode = StatusCodes.Status200OK) =>
        Render("Sign in", statusCode, $"""
            <h1>Quartermaster operator sign-in</h1>
            {Message(message)}
            {(CanKeepSecureCookie(request) ? "" : InsecureWarning)}
            <form method="post" action="{OperatorPaths.SignIn}">
              <input type="hidden" name="{OperatorSchemes.AntiforgeryField}" value="{Html.Encode(csrfToken)}">
              <input type="hidden" name="returnUrl" value="{Html.Encode(returnUrl)}">
              <label for="key">Admin key</label>
              <input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
              <button id="sign-in" type="submit">Sign in</button>
            </form>
            <p>Only the operator's admin key opens these pages; tenant API keys do not.</p>
            """);

    public static IResult Home(string csrfToken, DateTimeOffset? expiresAt) =>
        Render("Operator", StatusCodes.Status200OK, $"""
            <h1>Quartermaster operator</h1>
            <p id="signed-in">Signed in with the admin key{(expiresAt is { } at ? $" until {at:yyyy-MM-dd HH:mm} UTC" : "")}.</p>
            <ul>
              <li><a id="dashboard" href="{OperatorPaths.Dashboard}/">Orleans dashboard</a>: silos, grains, calls</li>
              <li><a id="api-reference" href="{OperatorPaths.ApiReference}">API reference</a>
                  (<a href="{OperatorPaths.OpenApiDocument}">OpenAPI document</a>)</li>
            </ul>
            <form method="post" action="{OperatorPaths.SignOut}">
              <input type="hidden" name="{OperatorSchemes.AntiforgeryField}" value="{Html.Encode(csrfToken)}">
              <button id="sign-out" type="submit">Sign out</button>
            </form>
            """);

    public static IResult Refused(string reason) =>
        Render("Refused", StatusCodes.Status400BadRequest, $"""
            <h1>Refused</h1>
            {Message(reason)}
            <p><a href="{OperatorPaths.SignIn}">Back to sign-in</a></p>
            """);

    private const string InsecureWarning =
        "<p role=\"alert\">Open this page over https: the session cookie is Secure, so a browser keeps it only from https or localhost.</p>";

    /// <summary>Browsers keep Secure cookies from https pages and from localhost, which they treat as a secure context.</summary>
    private static bool CanKeepSecureCookie(HttpRequest request) =>
        request.IsHttps || request.Host.Host is "localhost" or "127.0.0.1" or "[::1]";

    private static string Message(string? message) =>
        message is null ? "" : $"""<p id="message" role="alert">{Html.Encode(message)}</p>""";

    private static IResult Render(string title, int statusCode, string body) =>
        new PageResult($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}} - Quartermaster</title>
            <style>
              body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; color: #222; }
              label, input, button { display: block; margin: 0.5rem 0; font-size: 1rem; }
              input[type=password] { width: 100%; padding: 0.4rem; }
              [role=alert] { color: #a00; }
            </style>
            </head>
            <body>
            {{body}}
            </body>
            </html>
            """, statusCode);

    /// <summary>An HTML answer that no other site may frame, and that no cache keeps (it carries an antiforgery token).</summary>
    private sealed class PageResult(string html, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = statusCode;
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(html, context.RequestAborted);
        }
    }
}
