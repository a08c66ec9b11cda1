using ArFunctions.WorkerHost.Rpc;
using Grpc.Core;

namespace ArFunctions.WorkerHost.Grpc;

/// <summary>The FunctionRpc service the worker dials: hands its one EventStream to the <see cref="WorkerChannel"/>.</summary>
internal sealed class FunctionRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        channel.ServeAsync(requestStream, responseStream, context.CancellationToken);
}
