namespace ArFunctions.Cli.Demo;

/// <summary>What one demo day did: the run's counts, what the queue handlers carried out, and the AR the run measured.</summary>
internal sealed record DemoDay(
    DateOnly Date,
    int Customers,
    int Steps,
    int EmailsSent,
    int Tasks,
    int PaymentEvents,
    int PaymentsApplied,
    decimal OpenBalance);
