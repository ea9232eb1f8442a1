%% sensor_loop - a plain process, no OTP behaviour (so no sys messages, no
%% code_change), that ticks every 100 ms, 1.0. It moves to new code at its
%% next fully qualified call ?MODULE:loop/1, so it outlives a load_module
%% of this module: the process in old code is not killed by the load, and
%% at most 100 ms later it runs the new code.
-module(sensor_loop).
-define(VSN, "1.0").
-vsn(?VSN).
-export([start_link/0, ping/0, loop/1]).

%% start_link() -> {ok, Pid}: spawn the loop, linked to the caller (the
%% supervisor), registered as sensor_loop.
start_link() ->
    Pid = spawn_link(fun() -> loop(0) end),
    true = register(?MODULE, Pid),
    {ok, Pid}.

%% ping() -> Vsn | timeout: the version of the code the loop runs.
ping() ->
    ?MODULE ! {self(), ping},
    receive
        {pong, Vsn} -> Vsn
    after 5000 ->
        timeout
    end.

loop(Ticks) ->
    receive
        {From, ping} when is_pid(From) ->
            From ! {pong, ?VSN},
            ?MODULE:loop(Ticks);
        _Other ->
            ?MODULE:loop(Ticks)
    after 100 ->
        ?MODULE:loop(Ticks + 1)
    end.
