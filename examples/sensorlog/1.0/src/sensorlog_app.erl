%% sensorlog_app - the application callback of sensorlog, when it runs on
%% its own (next to sensor 1.0 and 2.0). Included in sensor 3.0 and later,
%% it is not started as an application: sensor_sup starts sensorlog_sup.
-module(sensorlog_app).
-behaviour(application).
-vsn("1.0").
-export([start/2, stop/1]).

start(_Type, _Args) ->
    sensorlog_sup:start_link().

stop(_State) ->
    ok.
