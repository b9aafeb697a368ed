using Microsoft.AspNetCore.Http.HttpResults;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.ApiFrontend.Catalog;

public static class ProductsApi
{
    public static RouteGroupBuilder MapProductsApi(this RouteGroupBuilder api)
    {
        var products = api.MapGroup("/products").WithTags("Catalog");
        products.MapPut("/{sku}", PutProduct).WithName("PutProduct").WithETag().WithProblems(400, 412);
        products.MapGet("/{sku}", GetProduct).WithName("GetProduct").WithETag().WithProblems(400, 404);
        products.MapGet("/", ListProducts).WithName("ListProducts").WithProblems(400);
        return api;
    }

    private static async Task<Results<Created<ProductDto>, Ok<ProductDto>, ProblemHttpResult>> PutProduct(
        string sku, PutProductRequest body, TenantContext tenant, IGrainFactory grains, HttpRequest request, HttpResponse response)
    {
        var errors = CatalogRules.Product(new FieldErrors(), sku, body);
        var expected = ETags.ReadConditions(request, errors);

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var outcome = await grains.Product(tenant.TenantId, sku).Put(body.Name!, body.Unit, expected);
        return outcome.ToPutResult(response, p => p.Version, ProductDto.From, $"/api/v1/products/{sku}");
    }

    private static Task<Results<Ok<ProductDto>, ProblemHttpResult>> GetProduct(
        string sku, TenantContext tenant, IGrainFactory grains, HttpResponse response) =>
        response.ReadByIdAsync("sku", sku, "Product", () => grains.Product(tenant.TenantId, sku).Get(), p => p.Version, ProductDto.From);

    private static async Task<Results<Ok<ListResponse<ProductDto>>, ProblemHttpResult>> ListProducts(
        string? q, string? limit, string? cursor, TenantContext tenant, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var list = ListParameters.Read(limit, cursor, errors, ResourceId.IsValid, new ListFilters().Add("q", q, SearchParameter.Normalise));
        var text = SearchParameter.Read(list.Filters["q"], list.FilterErrors(errors));
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var page = await grains.GetGrain<IProductSearchGrain>(tenant.TenantId).Query(new ProductQuery(text, list.After, list.Limit));
        return TypedResults.Ok(new ListResponse<ProductDto>(page.Items.Select(ProductDto.From).ToList(), list.NextCursor(page.NextAfter)));
    }
}
