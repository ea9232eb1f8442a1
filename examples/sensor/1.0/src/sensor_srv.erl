%% sensor_srv - the vehicle counter, 1.0: a running total.
-module(sensor_srv).
-behaviour(gen_server).
-define(VSN, "1.0").
-vsn(?VSN).
-export([start_link/0, count/1, total/0, state/0, version/0, report/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2,
         code_change/3]).

-record(state, {total = 0}).

start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).

%% count(N) -> Total: N more vehicles went by; the new total.
count(N) when is_integer(N), N >= 0 ->
    gen_server:call(?MODULE, {count, N}).

total() ->
    gen_server:call(?MODULE, total).

%% state() -> Map: the server's state, in a form that does not depend on
%% the record: #{total => T}.
state() ->
    gen_server:call(?MODULE, state).

%% version() -> Vsn: the version of the code the server runs.
version() ->
    gen_server:call(?MODULE, version).

%% report() -> String: the total, as text.
report() ->
    gen_server:call(?MODULE, report).

init([]) ->
    {ok, #state{}}.

handle_call({count, N}, _From, #state{total = Total} = S) ->
    {reply, Total + N, S#state{total = Total + N}};
handle_call(total, _From, S) ->
    {reply, S#state.total, S};
handle_call(state, _From, S) ->
    {reply, #{total => S#state.total}, S};
handle_call(version, _From, S) ->
    {reply, ?VSN, S};
handle_call(report, _From, S) ->
    {reply, sensor_legacy:report(S#state.total), S};
handle_call(_Request, _From, S) ->
    {reply, {error, unknown_call}, S}.

handle_cast(_Msg, S) ->
    {noreply, S}.

handle_info(_Info, S) ->
    {noreply, S}.

terminate(_Reason, _S) ->
    ok.

%% The first version: nothing to migrate from. A downgrade to 1.0 is the
%% later version's business: OTP calls its code_change({down, "1.0"}, ...)
%% before it loads this code.
code_change(_OldVsn, #state{} = S, _Extra) ->
    {ok, S}.
