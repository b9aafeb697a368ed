using System.Text.Json;

namespace Quartermaster.Chaos.Load;

/// <summary>The final answer to a request: its status and JSON body (default when it had none).</summary>
internal sealed record Answer(int Status, JsonElement Body)
{
    public bool Ok => Status is >= 200 and < 300;
}
