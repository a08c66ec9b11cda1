using ArFunctions.Application.Access;
using ArFunctions.Application.Tasks;

namespace ArFunctions.Application.Tests.Tasks;

/// <summary>The outcome's free text and amounts, checked through <see cref="RecordTaskOutcome"/> as a collector records one.</summary>
public class TaskOutcomeValidatorValidate
{
    private readonly TaskWorld _world = new();

    [Theory]
    [InlineData("will pay\r\nBcc: eve@evil.example")]
    [InlineData("will pay\rFriday")]
    [InlineData("will pay\u0000Friday")]
    [InlineData("will pay\u0085Friday")]
    [InlineData("will pay\u2028Friday")]
    public async Task RejectsTheNoteAndChangesNothingGivenAControlCharacterOtherThanLineFeed(string note)
    {
        var task = await _world.OpenCallTaskAsync();

        var result = await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("reached", note), Caller.Local("test"), CancellationToken.None);

        Assert.Equal(RecordOutcomeStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors!);
        Assert.Equal("note", error.Field);
        Assert.Contains("control characters", error.Reason, StringComparison.Ordinal);
        Assert.Empty(_world.Accounts.Interactions);
        Assert.True((await _world.Tasks.GetAsync(task.TaskId, CancellationToken.None))!.IsOpen);
    }

    [Fact]
    public async Task RejectsTheDisputeNoteGivenACarriageReturn()
    {
        var task = await _world.OpenCallTaskAsync();

        var result = await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("dispute", Dispute: new DisputeInput("pricing", "quote\r\nsaid 10%")), Caller.Local("test"), CancellationToken.None);

        Assert.Equal("dispute.note", Assert.Single(result.Errors!).Field);
    }

    [Fact]
    public async Task KeepsAMultiLineNoteGivenLineFeedsOnly()
    {
        var task = await _world.OpenCallTaskAsync();

        var result = await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("reached", "spoke to AP\nwill call back"), Caller.Local("test"), CancellationToken.None);

        Assert.Equal(RecordOutcomeStatus.Recorded, result.Status);
        Assert.Contains("spoke to AP\nwill call back", Assert.Single(_world.Accounts.Interactions).Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsThePromiseGivenAnAmountAboveTheSharedLimit()
    {
        var task = await _world.OpenCallTaskAsync();

        var result = await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("promise", Promise: new PromiseInput("2026-11-30", 79228162514264337593543950335m)), Caller.Local("test"), CancellationToken.None);

        var error = Assert.Single(result.Errors!);
        Assert.Equal("promise.amount", error.Field);
        Assert.Contains("largest amount accepted", error.Reason, StringComparison.Ordinal);
        Assert.All(_world.Accounts.Invoices, i => Assert.Null(i.Promise));
    }
}
