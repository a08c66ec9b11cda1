namespace ArFunctions.Application.Ports;

public interface IStorageHealth
{
    Task CheckAsync(CancellationToken cancellationToken);
}
