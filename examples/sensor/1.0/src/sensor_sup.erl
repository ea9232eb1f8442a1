%% sensor_sup - the top supervisor of sensor 1.0: the counter and the
%% plain looping process.
-module(sensor_sup).
-behaviour(supervisor).
-vsn("1.0").
-export([start_link/0, init/1]).

start_link() ->
    supervisor:start_link({local, ?MODULE}, ?MODULE, []).

init([]) ->
    {ok, {#{strategy => one_for_one, intensity => 5, period => 10},
          [#{id => sensor_srv,
             start => {sensor_srv, start_link, []},
             modules => [sensor_srv]},
           #{id => sensor_loop,
             start => {sensor_loop, start_link, []},
             modules => [sensor_loop]}]}}.
