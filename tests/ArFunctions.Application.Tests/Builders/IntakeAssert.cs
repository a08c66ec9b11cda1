using ArFunctions.Application.Intake;

namespace ArFunctions.Application.Tests.Builders;

public static class IntakeAssert
{
    /// <summary>The validation failed with exactly one error, at <paramref name="index"/> and <paramref name="field"/>; returns its reason.</summary>
    public static string SingleError<T>(IntakeValidation<T> validation, int index, string field)
    {
        Assert.Empty(validation.Records);
        var error = Assert.Single(validation.Errors);
        Assert.Equal((index, field), (error.Index, error.Field));
        return error.Reason;
    }

    public static T SingleRecord<T>(IntakeValidation<T> validation)
    {
        Assert.Empty(validation.Errors);
        return Assert.Single(validation.Records);
    }
}
