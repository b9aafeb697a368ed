using Quartermaster.Client.Contracts;
using Quartermaster.Client.Http;

namespace Quartermaster.Client.Resources;

/// <summary>Customers: records with ETags, search, GDPR erasure.</summary>
public sealed class CustomersClient
{
    private const string Customers = "api/v1/customers";
    private readonly ApiTransport _api;

    internal CustomersClient(ApiTransport api) => _api = api;

    /// <param name="ifMatch">The ETag of the version read (<see cref="Tagged{T}.ETag"/>); a newer one makes it 412 precondition_failed.</param>
    public Task<Tagged<CustomerDto>> PutAsync(string customerRef, PutCustomerRequest request, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<CustomerDto>(HttpMethod.Put, Customer(customerRef), request, new(IfMatch: ifMatch), cancellationToken);

    public Task<Tagged<CustomerDto>> GetAsync(string customerRef, CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<CustomerDto>(HttpMethod.Get, Customer(customerRef), null, default, cancellationToken);

    /// <param name="search">A ref or email prefix, or words of the name.</param>
    public Task<ListResponseOfCustomerDto> ListAsync(
        string? search = null, CustomerStatus? status = null, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListResponseOfCustomerDto>(HttpMethod.Get,
            Paths.WithQuery(Customers, ("q", search), ("status", status), ("limit", limit), ("cursor", cursor)),
            null, default, cancellationToken);

    /// <summary>Every matching customer, fetching pages of <paramref name="pageSize"/> as the sequence is read.</summary>
    public IAsyncEnumerable<CustomerDto> EnumerateAsync(
        string? search = null, CustomerStatus? status = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        CursorPages.EnumerateAsync((cursor, ct) => ListAsync(search, status, pageSize, cursor, ct), page => page.Items, page => page.NextCursor, cancellationToken);

    /// <summary>GDPR erasure: name, email, phone and attributes are removed; orders keep the bare ref.</summary>
    public Task EraseAsync(string customerRef, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, Customer(customerRef), null, new(IfMatch: ifMatch), cancellationToken);

    private static string Customer(string customerRef) => $"{Customers}/{Paths.Id(customerRef)}";
}
