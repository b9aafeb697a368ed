using Microsoft.AspNetCore.Http.HttpResults;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Settings;

public static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings").WithTags("Settings");
        settings.MapGet("/", GetSettings).WithName("GetSettings").WithETag().WithProblems(404);
        settings.MapPatch("/", PatchSettings).WithName("PatchSettings").WithETag().WithProblems(400, 404, 412);
        return api;
    }

    private static async Task<Results<Ok<SettingsDto>, ProblemHttpResult>> GetSettings(
        TenantContext tenant, TenantSettingsCache cache, HttpResponse response)
    {
        if (await cache.GetTenantAsync(tenant.TenantId, fresh: true) is not { } view)
        {
            return ApiProblems.NotFound($"Tenant '{tenant.TenantId}' does not exist.");
        }

        ETags.Set(response, view.Version);
        return TypedResults.Ok(SettingsDto.From(view.Settings));
    }

    private static async Task<Results<Ok<SettingsDto>, ProblemHttpResult>> PatchSettings(
        SettingsPatch patch, TenantContext tenant, TenantSettingsCache cache, IGrainFactory grains, HttpRequest request, HttpResponse response)
    {
        var errors = new FieldErrors();
        patch.Validate(errors);
        var expected = ETags.ReadConditions(request, errors);

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var outcome = await grains.GetGrain<ITenantGrain>(tenant.TenantId).UpdateSettings(patch.ToChange(), expected);
        if (outcome.Value is { } updated)
        {
            cache.Forget(tenant.TenantId);
            ETags.Set(response, updated.Version);
        }

        return outcome.ToOk(v => SettingsDto.From(v.Settings));
    }
}
