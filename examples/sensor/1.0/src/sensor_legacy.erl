%% sensor_legacy - the text report of sensor 1.0; gone in 2.0, where
%% sensor_srv writes the report itself.
-module(sensor_legacy).
-vsn("1.0").
-export([report/1]).

report(Total) ->
    "total: " ++ sensor_util:format_count(Total).
