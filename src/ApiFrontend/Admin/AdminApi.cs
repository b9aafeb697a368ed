using Microsoft.AspNetCore.Http.HttpResults;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Idempotency;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Settings;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Admin;

public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder admin)
    {
        var tenants = admin.MapGroup("/tenants").WithTags("Admin");
        tenants.MapPost("/", CreateTenant).WithName("CreateTenant").WithProblems(400, 409);
        tenants.MapGet("/{tenantId}", GetTenant).WithName("GetTenant").WithETag().WithProblems(400, 404);
        tenants.MapPatch("/{tenantId}", PatchTenant).WithName("PatchTenant").WithETag().WithProblems(400, 404, 412);
        tenants.MapPost("/{tenantId}/api-keys", CreateApiKey).WithName("CreateApiKey").WithProblems(400, 404, 409)
            .WithMetadata(new SecretInResponse("keyId"));
        tenants.MapGet("/{tenantId}/api-keys", ListApiKeys).WithName("ListApiKeys").WithProblems(400, 404);
        tenants.MapGet("/{tenantId}/api-keys/{keyId}", GetApiKey).WithName("GetApiKey").WithETag().WithProblems(400, 404);
        tenants.MapDelete("/{tenantId}/api-keys/{keyId}", RevokeApiKey).WithName("RevokeApiKey").WithProblems(400, 404);
        tenants.MapGet("/{tenantId}/invariants", CheckInvariants).WithName("CheckInvariants").WithProblems(400, 404);
        return admin;
    }

    private static async Task<Results<Created<TenantDto>, ProblemHttpResult>> CreateTenant(CreateTenantRequest body, IGrainFactory grains)
    {
        var errors = new FieldErrors().Id("tenantId", body.TenantId).Text("name", body.Name, 200);
        body.Settings?.Validate(errors, "settings.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var settings = body.Settings?.ToChange().ApplyTo(TenantSettings.Default);
        var outcome = await grains.GetGrain<ITenantGrain>(body.TenantId!).Create(body.Name!, settings);
        return outcome.Failure is { } failure
            ? failure.ToProblem()
            : TypedResults.Created($"/api/v1/admin/tenants/{body.TenantId}", TenantDto.From(outcome.Value!.Item));
    }

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> GetTenant(string tenantId, IGrainFactory grains, HttpResponse response)
    {
        if (new FieldErrors().Id("tenantId", tenantId) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        if (await grains.GetGrain<ITenantGrain>(tenantId).Get() is not { } tenant)
        {
            return TenantMissing(tenantId);
        }

        ETags.Set(response, tenant.Version);
        return TypedResults.Ok(TenantDto.From(tenant));
    }

    /// <summary>The operator's change of name and settings; the rate limits set here are the tenant's ceilings.</summary>
    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> PatchTenant(
        string tenantId, PatchTenantRequest body, IGrainFactory grains, TenantSettingsCache cache, HttpRequest request, HttpResponse response)
    {
        var errors = new FieldErrors().Id("tenantId", tenantId).Text("name", body.Name, 200, required: false);
        body.Settings?.Validate(errors, "settings.");
        var expected = ETags.ReadConditions(request, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var outcome = await grains.GetGrain<ITenantGrain>(tenantId).Administer(new TenantChange(body.Name, body.Settings?.ToChange()), expected);
        if (outcome.Value is { } updated)
        {
            cache.Forget(tenantId);
            ETags.Set(response, updated.Version);
        }

        return outcome.ToOk(TenantDto.From);
    }

    private static async Task<Results<Created<CreatedApiKeyDto>, ProblemHttpResult>> CreateApiKey(
        string tenantId, CreateApiKeyRequest? body, IGrainFactory grains)
    {
        var errors = new FieldErrors().Id("tenantId", tenantId).Text("name", body?.Name, 200, required: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var outcome = await grains.GetGrain<ITenantGrain>(tenantId).CreateApiKey(body?.Name, presetKey: null);
        return outcome.Failure is { } failure
            ? failure.ToProblem()
            : TypedResults.Created($"/api/v1/admin/tenants/{tenantId}/api-keys/{outcome.Value!.KeyId}", CreatedApiKeyDto.From(outcome.Value));
    }

    private static async Task<Results<Ok<ListResponse<ApiKeyDto>>, ProblemHttpResult>> ListApiKeys(
        string tenantId, string? limit, string? cursor, IGrainFactory grains)
    {
        var errors = new FieldErrors().Id("tenantId", tenantId);
        var list = ListParameters.Read(limit, cursor, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        if (await tenant.Get() is null)
        {
            return TenantMissing(tenantId);
        }

        var page = ApiKeyPages.Cut(await tenant.ListApiKeys(), list, errors);
        return page is null ? errors.ToProblem() : TypedResults.Ok(page);
    }

    /// <summary>One key, never its secret. It changes once, when revoked, so its ETag is 1 while active and 2 after.</summary>
    private static async Task<Results<Ok<ApiKeyDto>, ProblemHttpResult>> GetApiKey(string tenantId, string keyId, IGrainFactory grains, HttpResponse response)
    {
        if (new FieldErrors().Id("tenantId", tenantId).Id("keyId", keyId) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        if (await tenant.Get() is null)
        {
            return TenantMissing(tenantId);
        }

        if ((await tenant.ListApiKeys()).FirstOrDefault(k => k.KeyId == keyId) is not { } key)
        {
            return ApiProblems.NotFound($"API key '{keyId}' of tenant '{tenantId}' does not exist.");
        }

        ETags.Set(response, key.RevokedAt is null ? 1 : 2);
        return TypedResults.Ok(ApiKeyDto.From(key));
    }

    /// <summary>Runs the invariant checker over the tenant: 200 with ok true/false and every violation found.</summary>
    private static async Task<Results<Ok<InvariantReport>, ProblemHttpResult>> CheckInvariants(
        string tenantId, IGrainFactory grains, InvariantChecker checker, CancellationToken cancellationToken)
    {
        if (new FieldErrors().Id("tenantId", tenantId) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        if (await grains.GetGrain<ITenantGrain>(tenantId).Get() is null)
        {
            return TenantMissing(tenantId);
        }

        return TypedResults.Ok(await checker.CheckAsync(tenantId, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeApiKey(string tenantId, string keyId, IGrainFactory grains)
    {
        if (new FieldErrors().Id("tenantId", tenantId).Id("keyId", keyId) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        var outcome = await grains.GetGrain<ITenantGrain>(tenantId).RevokeApiKey(keyId);
        return outcome.Failure is { } failure ? failure.ToProblem() : TypedResults.NoContent();
    }

    private static ProblemHttpResult TenantMissing(string tenantId) => ApiProblems.NotFound($"Tenant '{tenantId}' does not exist.");
}
