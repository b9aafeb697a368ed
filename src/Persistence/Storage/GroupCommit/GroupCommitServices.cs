using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Quartermaster.Persistence.Storage.GroupCommit;

internal static class GroupCommitServices
{
    /// <summary>The silo's one flusher, its options bound to `Quartermaster:GroupCommit` and checked at start-up.</summary>
    public static IServiceCollection AddGroupCommit(this IServiceCollection services)
    {
        services.AddOptions<GroupCommitOptions>().BindConfiguration(GroupCommitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GroupCommitOptions>, GroupCommitOptionsValidation>();
        services.AddSingleton<WriteFlusher>();
        return services;
    }
}
