%% sensor_util - helpers of the sensor application. The same source, byte
%% for byte, in every version, so that its beam does not change and an
%% upgrade leaves it loaded as it is. Hence no -vsn attribute: its version
%% is the MD5 of its code, the same everywhere.
-module(sensor_util).
-export([timestamp/0, hour/1, format_count/1]).

%% timestamp() -> Seconds: the time now, in seconds since the epoch.
timestamp() ->
    erlang:system_time(second).

%% hour(Seconds) -> Hour: the hour a timestamp falls in, hours since the
%% epoch, the key of the counts per hour.
hour(Seconds) when is_integer(Seconds) ->
    Seconds div 3600.

%% format_count(N) -> String: "1 vehicle", "12 vehicles".
format_count(1) ->
    "1 vehicle";
format_count(N) when is_integer(N) ->
    integer_to_list(N) ++ " vehicles".
