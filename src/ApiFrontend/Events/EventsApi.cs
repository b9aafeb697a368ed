using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Contracts.Events;
using Quartermaster.Grains.Abstractions.Events;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Quartermaster.ApiFrontend.Events;

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events");
        events.MapGet("/", ListEvents).WithName("ListEvents").WithProblems(400);
        events.MapGet("/stream", StreamEvents).WithName("StreamEvents")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream").WithProblems(400)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Description = "Server-Sent Events: `id:` the eventId, `event:` the type, `data:` the event as JSON; "
                    + "a comment line when nothing else was sent for 10 s. The stream starts after `Last-Event-ID`, else after `after`, "
                    + "else with the first event committed after it opened (read earlier events with GET /api/v1/events).";
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "Last-Event-ID", In = ParameterLocation.Header, Required = false,
                    Description = "Resume after this eventId (what EventSource sends when it reconnects).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9a-f]{32}$" },
                });
                return Task.CompletedTask;
            });
        events.MapGet("/{eventId}", GetEvent).WithName("GetEvent").WithETag().WithProblems(400, 404);
        return api;
    }

    private static async Task<Results<Ok<ListResponse<EventDto>>, ProblemHttpResult>> ListEvents(
        string? after, string? types, string? limit, string? cursor, TenantContext tenant, IGrainFactory grains, IOptions<JsonOptions> json)
    {
        var errors = new FieldErrors();
        var query = EventQuery.Read(after, types, limit, cursor, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var page = await Feed(grains, tenant).List(query.After, query.Types, query.List.Limit);
        return TypedResults.Ok(new ListResponse<EventDto>(
            page.Events.Select(e => EventDto.From(e, json.Value.SerializerOptions)).ToList(), EventQuery.CursorOf(query.List, page)));
    }

    private static async Task<Results<Ok<EventDto>, ProblemHttpResult>> GetEvent(
        string eventId, TenantContext tenant, IGrainFactory grains, IOptions<JsonOptions> json, HttpResponse response)
    {
        if (!EventIds.HasIdShape(eventId))
        {
            return new FieldErrors().Add("eventId", "Must be an eventId this API returned (32 lower-case hex digits).").ToProblem();
        }

        // An id of the right shape that no event could have (past the positions ids use) is simply not there.
        if (!EventIds.TryParse(eventId, out _, out _) || await Feed(grains, tenant).Get(eventId) is not { } found)
        {
            return ApiProblems.NotFound($"Event '{eventId}' does not exist.");
        }

        // An event never changes once committed: its first version is its only one.
        ETags.Set(response, 1);
        return TypedResults.Ok(EventDto.From(found, json.Value.SerializerOptions));
    }

    /// <summary>
    /// A reconnecting EventSource sends Last-Event-ID and keeps its URL, so the header wins over `after`. With neither,
    /// the start is fixed before the response's headers go out: a client that writes once the stream is open sees its write.
    /// </summary>
    private static IResult StreamEvents(
        string? after, string? types, HttpRequest request, TenantContext tenant, IGrainFactory grains, IOptions<JsonOptions> json,
        ApiKeyVerifier verifier, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<EventStreamResult> logger)
    {
        var errors = new FieldErrors();
        var selected = EventQuery.Types(types, errors);
        var lastEventId = request.Headers["Last-Event-ID"].ToString();
        var (start, field) = lastEventId.Length > 0 ? (lastEventId, "Last-Event-ID") : (after, "after");
        if (start is not null && !EventIds.TryParse(start, out _, out _))
        {
            errors.Add(field, "Must be an eventId this API returned.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return new EventStreamResult(Feed(grains, tenant), start, selected, KeyRecheck.Of(request, verifier, tenant.TenantId),
            json.Value.SerializerOptions, clock, lifetime.ApplicationStopping, logger);
    }

    private static IEventFeedGrain Feed(IGrainFactory grains, TenantContext tenant) => grains.GetGrain<IEventFeedGrain>(tenant.TenantId);
}
