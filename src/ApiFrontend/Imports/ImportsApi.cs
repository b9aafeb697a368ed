using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Quartermaster.ApiFrontend.Hosting;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Resilience;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Imports;

namespace Quartermaster.ApiFrontend.Imports;

public static class ImportsApi
{
    public const int MaxRows = 1_000_000;

    /// <summary>A million rows of the widest kind (customers with attributes) fit well inside this.</summary>
    public const long MaxFileBytes = 2L << 30;

    public static readonly IReadOnlyList<string> Kinds = ["products", "warehouses", "receipts", "adjustments", "customers"];

    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports");
        imports.MapPost("/", StartImport).WithName("StartImport")
            .WithSummary("Start an import: a CSV (with a header row) or NDJSON file of up to 1,000,000 rows, applied row by row")
            .Accepts<string>(ImportFormats.Csv, ImportFormats.Ndjson)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxFileBytes))
            .WithBodyReadByHandler()
            .WithAcceptedLocation()
            .WithProblems(400, 413, 415, 422);
        imports.MapGet("/{importId}", GetImport).WithName("GetImport").WithETag().WithProblems(400, 404);
        return api;
    }

    private static async Task<Results<Accepted<ImportDto>, ProblemHttpResult>> StartImport(
        string? kind, HttpRequest request, TenantContext tenant, IGrainFactory grains, IOptions<QuartermasterOptions> options,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var importKind = ParseKind(kind, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (ImportFormats.Of(request.ContentType) is not { } format)
        {
            return ApiProblems.Create(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Unsupported media type.",
                $"Send the file as {ImportFormats.Csv} (with a header row) or {ImportFormats.Ndjson} (one JSON object per line), in UTF-8.");
        }

        var importId = "imp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var import = grains.GetGrain<IImportGrain>(GrainKeys.Import(tenant.TenantId, importId));
        await import.Begin(importKind, options.Value.MaxWarehousesPerTenant);
        var started = false;
        try
        {
            var reader = new ImportRows(importKind, json.Value.SerializerOptions);
            var (rows, rowErrors, total) = (new List<ImportRow>(), new List<ImportError>(), 0L);
            await foreach (var record in ImportFile.ReadAsync(request.Body, format, cancellationToken))
            {
                if (++total > MaxRows)
                {
                    return ApiProblems.Create(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge, "Too many rows.",
                        $"An import holds at most {MaxRows:N0} rows; split the file.");
                }

                var (row, refused) = reader.Read(record);
                if (row is not null)
                {
                    rows.Add(row);
                }

                rowErrors.AddRange(refused);
                if (rows.Count >= IImportGrain.ChunkRows)
                {
                    await import.Append(rows, rowErrors);
                    (rows, rowErrors) = ([], []);
                }
            }

            await import.Append(rows, rowErrors);
            var view = await import.Start(total);
            started = true;
            return TypedResults.Accepted($"/api/v1/imports/{importId}", ImportDto.From(view));
        }
        catch (ImportFileException bad)
        {
            return ApiProblems.Validation(bad.Field, bad.Message);
        }
        finally
        {
            if (!started)
            {
                await import.Abandon("the file was refused or could not be read to its end");
            }
        }
    }

    private static async Task<Results<Ok<ImportDto>, ProblemHttpResult>> GetImport(
        string importId, TenantContext tenant, IGrainFactory grains, HttpResponse response)
    {
        if (new FieldErrors().Id("importId", importId) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        if (await grains.GetGrain<IImportGrain>(GrainKeys.Import(tenant.TenantId, importId)).Get() is not { } import)
        {
            return ApiProblems.NotFound($"Import '{importId}' does not exist.");
        }

        // Every step of an import counts its chunk's rows (at least one) and its finish sets finishedAt, so this grows
        // with every change a client can see and never repeats.
        ETags.Set(response, import.RowsApplied + import.RowsSkipped + import.RowsFailed + (import.FinishedAt is null ? 1 : 2));
        return TypedResults.Ok(ImportDto.From(import));
    }

    private static ImportKind ParseKind(string? kind, FieldErrors errors)
    {
        var index = kind is null ? -1 : Kinds.ToList().IndexOf(kind);
        if (index < 0)
        {
            errors.Add("kind", "Required: one of " + string.Join(", ", Kinds) + ".");
            return default;
        }

        return (ImportKind)index;
    }
}
