using Microsoft.AspNetCore.Http.HttpResults;
using Quartermaster.ApiFrontend.Catalog;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.ApiFrontend.Customers;

public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");
        customers.MapPut("/{customerRef}", PutCustomer).WithName("PutCustomer").WithETag().WithProblems(400, 412);
        customers.MapGet("/{customerRef}", GetCustomer).WithName("GetCustomer").WithETag().WithProblems(400, 404);
        customers.MapGet("/", ListCustomers).WithName("ListCustomers").WithProblems(400);
        customers.MapDelete("/{customerRef}", EraseCustomer).WithName("EraseCustomer")
            .WithSummary("Erase a customer (GDPR): its name, email, phone and attributes are removed; orders keep the bare ref")
            .WithIfMatch().WithProblems(400, 404, 412);
        return api;
    }

    private static async Task<Results<Created<CustomerDto>, Ok<CustomerDto>, ProblemHttpResult>> PutCustomer(
        string customerRef, PutCustomerRequest body, TenantContext tenant, IGrainFactory grains, HttpRequest request, HttpResponse response)
    {
        var errors = new FieldErrors().Id("customerRef", customerRef);
        var fields = CustomerRules.Read(body, errors);
        var expected = ETags.ReadConditions(request, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var outcome = await Customer(grains, tenant, customerRef).Put(fields!, expected);
        return outcome.ToPutResult(response, c => c.Version, CustomerDto.From, $"/api/v1/customers/{customerRef}");
    }

    private static Task<Results<Ok<CustomerDto>, ProblemHttpResult>> GetCustomer(
        string customerRef, TenantContext tenant, IGrainFactory grains, HttpResponse response) =>
        response.ReadByIdAsync("customerRef", customerRef, "Customer", () => Customer(grains, tenant, customerRef).Get(), c => c.Version, CustomerDto.From);

    private static async Task<Results<Ok<ListResponse<CustomerDto>>, ProblemHttpResult>> ListCustomers(
        string? q, string? status, string? limit, string? cursor, TenantContext tenant, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var (query, list) = CustomerListQuery.Read(q, status, limit, cursor, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var page = await grains.GetGrain<ICustomerSearchGrain>(tenant.TenantId).Query(query);
        return TypedResults.Ok(new ListResponse<CustomerDto>(page.Items.Select(CustomerDto.From).ToList(), list.NextCursor(page.NextAfter)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EraseCustomer(
        string customerRef, TenantContext tenant, IGrainFactory grains, HttpRequest request)
    {
        var errors = new FieldErrors().Id("customerRef", customerRef);
        var expected = ETags.ReadConditions(request, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var outcome = await Customer(grains, tenant, customerRef).Erase(expected);
        return outcome.Failure is { } failure ? failure.ToProblem() : TypedResults.NoContent();
    }

    private static ICustomerGrain Customer(IGrainFactory grains, TenantContext tenant, string customerRef) =>
        grains.GetGrain<ICustomerGrain>(GrainKeys.Customer(tenant.TenantId, customerRef));
}
