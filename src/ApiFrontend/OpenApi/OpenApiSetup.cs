namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>The served document (/openapi/v1.json): every API and operations endpoint, typed as generators need it.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddQuartermasterOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // The dashboard is an operator page, not part of the API.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("dashboard", StringComparison.OrdinalIgnoreCase) != true;
            options.AddSchemaTransformer<ValueSchemaTransformer>();
            options.AddOperationTransformer<ParameterSchemaTransformer>();
            options.AddOperationTransformer<ProtocolResponsesTransformer>();
            options.AddOperationTransformer<ProtocolHeadersTransformer>();
            options.AddDocumentTransformer<OperationsEndpointsTransformer>();
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddDocumentTransformer<ProblemSchemaTransformer>();
            options.AddDocumentTransformer<NullableReferenceTransformer>();
            options.AddDocumentTransformer<HealthChecksSchemaTransformer>();
            options.AddDocumentTransformer<ServerUrlTransformer>();
        });
}
