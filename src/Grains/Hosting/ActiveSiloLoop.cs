namespace Quartermaster.Grains.Hosting;

/// <summary>Work that runs on a silo from the moment it is active until it stops: one loop, cancelled on stop.</summary>
internal abstract class ActiveSiloLoop : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(GetType().Name, ServiceLifecycleStage.Active, OnStart, OnStop);

    /// <summary>The loop; <paramref name="stopping"/> is cancelled when the silo stops.</summary>
    protected abstract Task RunAsync(CancellationToken stopping);

    private Task OnStart(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
