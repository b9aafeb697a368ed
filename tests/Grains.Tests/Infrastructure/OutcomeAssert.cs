using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Tests.Infrastructure;

public static class OutcomeAssert
{
    /// <summary>Asserts the command succeeded and returns its value.</summary>
    public static T Ok<T>(this Outcome<T> outcome)
    {
        Assert.True(outcome.Failure is null, $"Expected success, got {outcome.Failure?.Code}: {outcome.Failure?.Detail}");
        Assert.NotNull(outcome.Value);
        return outcome.Value;
    }

    /// <summary>Asserts the command was refused with <paramref name="code"/> and returns the failure.</summary>
    public static Failure Refused<T>(this Outcome<T> outcome, FailureCode code)
    {
        Assert.True(outcome.Failure is not null, $"Expected {code}, got success: {outcome.Value}");
        Assert.Equal(code, outcome.Failure.Code);
        return outcome.Failure;
    }
}
