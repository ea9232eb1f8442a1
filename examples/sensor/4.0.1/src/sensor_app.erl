%% sensor_app - the application callback of sensor, the same in every
%% version: start the top supervisor.
-module(sensor_app).
-behaviour(application).
-vsn("1.0").
-export([start/2, stop/1]).

start(_Type, _Args) ->
    sensor_sup:start_link().

stop(_State) ->
    ok.
