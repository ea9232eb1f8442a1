%% sensorlog_sup - the top supervisor of sensorlog: the log server.
-module(sensorlog_sup).
-behaviour(supervisor).
-vsn("1.0").
-export([start_link/0, init/1]).

start_link() ->
    supervisor:start_link({local, ?MODULE}, ?MODULE, []).

init([]) ->
    {ok, {#{strategy => one_for_one, intensity => 5, period => 10},
          [#{id => sensorlog,
             start => {sensorlog, start_link, []},
             modules => [sensorlog]}]}}.
