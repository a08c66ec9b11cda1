using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>Long work with a progress bar on a terminal, and a plain line per step when the output is captured.</summary>
internal static class Work
{
    /// <summary>Runs <paramref name="step"/> for <paramref name="count"/> days from <paramref name="start"/>, in order.</summary>
    public static async Task<IReadOnlyList<T>> ForEachDayAsync<T>(string title, DateOnly start, int count, Func<DateOnly, Task<T>> step)
    {
        var results = new List<T>(count);
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            for (var i = 0; i < count; i++)
            {
                results.Add(await step(start.AddDays(i)));
            }

            return results;
        }

        await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask(title, maxValue: count);
            for (var i = 0; i < count; i++)
            {
                task.Description = $"{title}: {start.AddDays(i):yyyy-MM-dd}";
                results.Add(await step(start.AddDays(i)));
                task.Increment(1);
            }
        });
        return results;
    }

    /// <summary>Runs <paramref name="work"/> under a spinner on a terminal.</summary>
    public static async Task<T> StatusAsync<T>(string title, Func<Task<T>> work) =>
        AnsiConsole.Profile.Capabilities.Interactive
            ? await AnsiConsole.Status().StartAsync(title, _ => work())
            : await work();
}
