using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Quartermaster.ApiFrontend.Security;

namespace Quartermaster.ApiFrontend.Operator;

/// <summary>
/// The admin sign-in for browsers, which cannot send a Bearer header: the admin key is exchanged for a session
/// cookie that opens the dashboard and this page of links. A tenant key is refused like any other wrong key.
/// </summary>
public static partial class OperatorPagesApi
{
    public static IEndpointRouteBuilder MapOperatorPages(this IEndpointRouteBuilder routes)
    {
        var pages = routes.MapGroup(OperatorPaths.Home).ExcludeFromDescription();
        pages.MapGet("/sign-in", ShowSignIn);
        pages.MapPost("/sign-in", SignInAsync).DisableAntiforgery();
        pages.MapPost("/sign-out", SignOutAsync).DisableAntiforgery();
        pages.MapGet("/", ShowHome).RequireAuthorization(QuartermasterClaims.AdminPolicy);
        return routes;
    }

    private static IResult ShowSignIn(HttpContext context, IAntiforgery antiforgery, string? returnUrl, bool? signedOut) =>
        OperatorPage.SignIn(context.Request, Token(context, antiforgery), OperatorPaths.SafeReturn(returnUrl), signedOut is true ? "Signed out." : null);

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, ApiKeyVerifier verifier, ILogger<AdminSessionOptions> logger)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return OperatorPage.Refused("The form expired or came from another site; open the sign-in page again.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = OperatorPaths.SafeReturn(form["returnUrl"]);
        var key = form["key"].ToString().Trim();
        if (key.Length is 0 or > 512 || !verifier.IsAdmin(key))
        {
            LogSignInRefused(logger, context.Connection.RemoteIpAddress?.ToString());
            return OperatorPage.SignIn(context.Request, Token(context, antiforgery), returnUrl, "That is not the admin key.", StatusCodes.Status401Unauthorized);
        }

        var session = new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, QuartermasterClaims.AdminRole), new Claim(AdminKeyFingerprint.ClaimType, AdminKeyFingerprint.Of(key))],
            OperatorSchemes.Session);
        await context.SignInAsync(OperatorSchemes.Session, new ClaimsPrincipal(session));
        LogSignedIn(logger, context.Connection.RemoteIpAddress?.ToString());
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return OperatorPage.Refused("The form expired or came from another site; open the operator page again.");
        }

        await context.SignOutAsync(OperatorSchemes.Session);
        return Results.Redirect($"{OperatorPaths.SignIn}?signedOut=true");
    }

    private static async Task<IResult> ShowHome(HttpContext context, IAntiforgery antiforgery)
    {
        var session = await context.AuthenticateAsync(OperatorSchemes.Session);
        return OperatorPage.Home(Token(context, antiforgery), session.Properties?.ExpiresUtc);
    }

    private static string Token(HttpContext context, IAntiforgery antiforgery) =>
        antiforgery.GetAndStoreTokens(context).RequestToken ?? throw new InvalidOperationException("Antiforgery issued no request token.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator sign-in refused: not the admin key (from {Address})")]
    private static partial void LogSignInRefused(ILogger logger, string? address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator signed in with the admin key (from {Address})")]
    private static partial void LogSignedIn(ILogger logger, string? address);
}
