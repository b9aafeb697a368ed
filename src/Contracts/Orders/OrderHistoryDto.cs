using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.Contracts.Orders;

public sealed record OrderHistoryDto(OrderStatus Status, DateTimeOffset At);
