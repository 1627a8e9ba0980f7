using CoordinationService.Errors;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Polly.Timeout;

namespace CoordinationService.Client.Session;

/// <summary>Failures that say nothing about the request, only that the way to the silo broke: the session may live on.</summary>
internal static class TransportErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        OrleansMessageRejectionException => true, // SiloUnavailableException included
        ConnectionFailedException => true,
        GatewayTooBusyException => true,
        ClientNotAvailableException => true,
        TimeoutException => true,
        TimeoutRejectedException => true,
        ConnectionLossException => true,
        AggregateException { InnerExceptions.Count: 1 } aggregate => IsTransient(aggregate.InnerExceptions[0]),
        _ => false,
    };
}
